package io.podnet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PodnetApplication {

	public static void main(String[] args) {
		SpringApplication.run(PodnetApplication.class, args);
	}
}

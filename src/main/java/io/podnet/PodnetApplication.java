package io.podnet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PodnetApplication {

	public static void main(String[] args) {
		SpringApplication.run(PodnetApplication.class, args);
	}
}

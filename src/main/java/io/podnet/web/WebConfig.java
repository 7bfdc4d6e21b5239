package io.podnet.web;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class WebConfig {

	/**
	 * Routes are named by their destination, which holds a slash: DELETE .../routes/10.244.200.0%2F24.
	 * Tomcat rejects an encoded slash by default; passing it through lets Spring decode it inside the
	 * path variable only, so it can never change which endpoint is matched.
	 */
	@Bean
	TomcatConnectorCustomizer encodedSlashInPathVariables() {
		return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
	}
}

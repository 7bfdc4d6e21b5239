package io.podnet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podnet.support.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS as README's "Deployment" tells an operator to turn it on: a PEM certificate and key named by
 * Spring Boot's SSL bundle properties, given as environment variables to the packaged service. The
 * certificate is self-signed and made at test time. Only in the H2 run: the database plays no part.
 */
@Tag("h2-only")
class HttpsIT {

	@TempDir
	Path workDir;

	@Test
	void servesHealthOverTlsToAClientThatTrustsTheCertificateAndToNoOtherClient() throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.make(workDir, "localhost", "127.0.0.1");
		SSLContext trustingIt = trusting(certificate.certificate());
		Map<String, String> bundle = Map.of("SERVER_SSL_BUNDLE", "podnet",
				"SPRING_SSL_BUNDLE_PEM_PODNET_KEYSTORE_CERTIFICATE", certificate.certificatePem().toString(),
				"SPRING_SSL_BUNDLE_PEM_PODNET_KEYSTORE_PRIVATEKEY", certificate.privateKeyPem().toString());

		try (ServiceProcess service = new ServiceProcess(workDir, List.of(), bundle).overTls(trustingIt).start()) {
			URI health = URI.create("https://localhost:" + service.port() + "/actuator/health");

			HttpResponse<String> overTls = get(client(trustingIt), health);
			assertThat(overTls.statusCode()).isEqualTo(200);
			assertThat(overTls.body()).contains("\"status\":\"UP\"");
			assertThat(overTls.sslSession()).as("answered over TLS").isPresent();
			assertThat(overTls.sslSession().get().getPeerCertificates()[0]).isEqualTo(certificate.certificate());

			assertThatThrownBy(() -> get(client(trusting()), health)).as("a client that trusts no certificate")
					.isInstanceOf(SSLHandshakeException.class);

			// Tomcat recognises plain HTTP on its TLS port and answers only that TLS is required
			HttpResponse<String> plain = get(HttpClient.newHttpClient(),
					URI.create("http://localhost:" + service.port() + "/actuator/health"));
			assertThat(plain.statusCode()).isEqualTo(400);
			assertThat(plain.body()).contains("requires TLS").doesNotContain("UP");
		}
	}

	/** An SSL context whose trust store holds exactly these certificates (none: it trusts nothing). */
	private static SSLContext trusting(Certificate... certificates) throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		for (int i = 0; i < certificates.length; i++) {
			trusted.setCertificateEntry("trusted-" + i, certificates[i]);
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	private static HttpClient client(SSLContext tls) {
		return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
	}

	private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
		return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}
}

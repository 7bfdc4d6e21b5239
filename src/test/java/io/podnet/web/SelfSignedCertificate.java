package io.podnet.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate and its key as PEM files, the form an operator gets from most CAs and
 * from cert-manager. Made with the JDK's keytool (present wherever the tests run); keytool cannot
 * write a private key as PEM, so the key is read back from its PKCS12 store and written as PKCS#8.
 */
record SelfSignedCertificate(X509Certificate certificate, Path certificatePem, Path privateKeyPem) {

	/** A certificate for these host names and IP addresses, valid for a day, its files in that directory. */
	static SelfSignedCertificate make(Path dir, String hostName, String ipAddress) throws Exception {
		Path store = dir.resolve("podnet-tls.p12");
		String password = UUID.randomUUID().toString();
		keytool("-genkeypair", "-alias", "podnet", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "1",
				"-dname", "CN=" + hostName, "-ext", "san=dns:" + hostName + ",ip:" + ipAddress,
				"-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password);
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keyStore.load(in, password.toCharArray());
		}
		X509Certificate certificate = (X509Certificate) keyStore.getCertificate("podnet");
		PrivateKey key = (PrivateKey) keyStore.getKey("podnet", password.toCharArray());
		Path certificatePem = Files.writeString(dir.resolve("tls.crt"), pem("CERTIFICATE", certificate.getEncoded()));
		Path privateKeyPem = Files.writeString(dir.resolve("tls.key"), pem("PRIVATE KEY", key.getEncoded()));
		return new SelfSignedCertificate(certificate, certificatePem, privateKeyPem);
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	private static void keytool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
				.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
		}
	}
}

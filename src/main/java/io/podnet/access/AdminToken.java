package io.podnet.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first admin token, so that a fresh podnet can be used at all. From PODNET_ADMIN_TOKEN
 * (property podnet.admin-token) when set: it is then authoritative, and the token named "admin"
 * gets that secret at every start. Otherwise, when no admin token exists, podnet makes one and
 * writes its secret to {@code <data dir>/admin-token}, readable by its owner only, and logs the
 * file's path; never the secret.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminToken implements ApplicationRunner {

	static final String NAME = "admin";
	static final String FILE = "admin-token";

	private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

	private final TokenService tokens;
	private final String fromEnvironment;
	private final Path dataDirectory;

	AdminToken(TokenService tokens, @Value("${podnet.admin-token:}") String fromEnvironment,
			@Value("${podnet.data-dir:./data}") Path dataDirectory) {
		this.tokens = tokens;
		this.fromEnvironment = fromEnvironment.strip();
		this.dataDirectory = dataDirectory;
		if (!this.fromEnvironment.isEmpty() && (this.fromEnvironment.length() < Secrets.MIN_LENGTH
				|| this.fromEnvironment.length() > TokenService.MAX_SECRET_LENGTH
				|| !this.fromEnvironment.matches("[A-Za-z0-9._~+/-]+"))) {
			// refuse to start rather than run with a guessable admin secret
			throw new IllegalStateException("PODNET_ADMIN_TOKEN must be " + Secrets.MIN_LENGTH + " to "
					+ TokenService.MAX_SECRET_LENGTH + " characters of A-Z a-z 0-9 . _ ~ + / - (it has "
					+ this.fromEnvironment.length() + "); e.g. openssl rand -hex 32");
		}
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!fromEnvironment.isEmpty()) {
			tokens.ensureAdmin(NAME, fromEnvironment);
			log.info("Admin token '{}' set from PODNET_ADMIN_TOKEN", NAME);
			return;
		}
		if (tokens.anyAdmin()) {
			return;
		}
		Path file = dataDirectory.resolve(FILE).toAbsolutePath();
		String secret = readable(file) ? read(file) : write(file, Secrets.generate());
		tokens.ensureAdmin(NAME, secret);
		log.info("No admin token existed: made token '{}'; its secret is in {} (readable by this user only). "
				+ "Send it as 'Authorization: Bearer <secret>'", NAME, file);
	}

	private static boolean readable(Path file) {
		return Files.isRegularFile(file) && read(file).length() >= Secrets.MIN_LENGTH;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		} catch (IOException e) {
			throw new UncheckedIOException("cannot read the admin token file " + file, e);
		}
	}

	private static String write(Path file, String secret) {
		try {
			Files.createDirectories(file.getParent());
			Files.deleteIfExists(file);
			// created with mode 0600 from the start: there is no moment when others could read it
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
			return secret;
		} catch (IOException e) {
			throw new UncheckedIOException("cannot write the admin token file " + file, e);
		}
	}
}

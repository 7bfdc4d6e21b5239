package io.podnet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.pod.CreatePodRequest.ContainerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Container images: any reference, but never whitespace or control characters. */
class CreatePodRequestTests {

	private static ValidatorFactory factory;
	private static Validator validator;

	@BeforeAll
	static void validator() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void close() {
		factory.close();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                        | image (Java escapes: \\uXXXX)                 | valid
			a name and a tag                      | nginx:1.27                                     | true
			a name only                           | scrapy/scrapyd                                 | true
			a registry with a port and a digest   | registry.example.com:5000/team/app@sha256:0abc | true
			the pause image                       | registry.k8s.io/pause:3.10                     | true
			a NUL                                 | nginx\\u0000:1.27                              | false
			a newline and a shell command         | nginx\\nrm -rf /                               | false
			a carriage return                     | nginx\\r:1.27                                  | false
			a tab                                 | nginx\\t:1.27                                  | false
			an ANSI escape                        | \\u001b[2Jnginx                                | false
			DEL                                   | nginx\\u007f                                   | false
			a C1 control (NEL)                    | nginx\\u0085:1.27                              | false
			a leading space                       | ' nginx:1.27'                                  | false
			a trailing space                      | 'nginx:1.27 '                                  | false
			a space inside                        | nginx :1.27                                    | false
			a no-break space                      | nginx\\u00a0:1.27                              | false
			an ideographic space                  | nginx\\u3000:1.27                              | false
			a line separator                      | nginx\\u2028:1.27                              | false
			a right-to-left override              | nginx\\u202e72.1:                              | false
			a zero-width space                    | nginx\\u200b:1.27                              | false
			a byte-order mark                     | \\ufeffnginx:1.27                              | false
			""")
	void imagesWithWhitespaceOrControlCharactersAreRefused(String description, String escaped, boolean valid) {
		String image = unescape(escaped);
		ContainerRequest container = new ContainerRequest("c", image, null);

		Set<ConstraintViolation<ContainerRequest>> violations = validator.validate(container);

		if (valid) {
			assertThat(violations).isEmpty();
		} else {
			assertThat(violations).extracting(v -> v.getPropertyPath().toString()).containsOnly("image");
			assertThat(violations).extracting(ConstraintViolation::getMessage)
					.contains("must be an image reference without spaces or control characters, e.g. nginx:1.27");
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# description                 | pod name | image       | the refused field
			an image with a NUL, in a pod  | web      | a\\u0000b   | containers[0].image
			""")
	void theRefusedImageIsNamedByItsPath(String description, String name, String escaped, String field) {
		CreatePodRequest pod = new CreatePodRequest(name, null, List.of(new ContainerRequest("c", unescape(escaped),
				null)), null, null);

		assertThat(validator.validate(pod)).extracting(v -> v.getPropertyPath().toString()).containsExactly(field);
	}

	/** Backslash-n, -r, -t and -u followed by four hex digits, as in Java source. */
	private static String unescape(String text) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '\\') {
				out.append(c);
				continue;
			}
			char kind = text.charAt(++i);
			switch (kind) {
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 't' -> out.append('\t');
				case 'u' -> {
					out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
					i += 4;
				}
				default -> throw new IllegalArgumentException("unknown escape in " + text);
			}
		}
		return out.toString();
	}
}

package io.podnet.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** If-None-Match as RFC 9110 (13.1.2, 8.8.3.2) compares it: weakly, lists, and * for any existing resource. */
class VersionsTests {

	@ParameterizedTest(name = "If-None-Match: {0} -> not modified: {1}")
	@CsvSource(delimiter = '|', value = {
			"\"3\"                 | true",
			"W/\"3\"               | true",
			"*                     | true",
			"' * '                 | true",
			"\"1\", \"3\"          | true",
			"\"1\",W/\"3\"         | true",
			"\"1\"                 | false",
			"\"30\"                | false",
			"3                     | false",
			"W/3                   | false",
			"\"1\", *              | false",
			"''                    | false" })
	void ifNoneMatchNamesTheCurrentETag(String ifNoneMatch, boolean notModified) {
		assertThat(Versions.notModified(ifNoneMatch, Versions.etag(3))).isEqualTo(notModified);
	}
}

package io.podnet.access;

import com.fasterxml.jackson.annotation.JsonValue;
import io.podnet.problem.InvalidValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a token may do. Each role includes the ones before it: a viewer reads everything, an editor
 * also writes (on the clusters of its scope), an admin also manages tokens, reads the audit log and
 * takes backups.
 */
public enum Role {

	VIEWER, EDITOR, ADMIN;

	/** The name in the API and the database: viewer, editor, admin. */
	@JsonValue
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean includes(Role other) {
		return compareTo(other) >= 0;
	}

	public static Role of(String label) {
		return Arrays.stream(values()).filter(r -> r.label().equals(label)).findFirst()
				.orElseThrow(() -> new InvalidValue("role", label, "is not a role; expected viewer, editor or admin"));
	}
}

package io.podnet.database;

import java.util.Locale;
import org.springframework.dao.DataIntegrityViolationException;

/** Which of the schema's named constraints a refused write broke (uk_pod_name, ...). */
public final class Constraints {

	private Constraints() {
	}

	/**
	 * Whether the write broke any of those constraints. The name is found in the database's own
	 * message, which both H2 and PostgreSQL give it in (H2 in upper case).
	 */
	public static boolean violated(DataIntegrityViolationException e, String... constraints) {
		String message = String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT);
		for (String constraint : constraints) {
			if (message.contains(constraint.toLowerCase(Locale.ROOT))) {
				return true;
			}
		}
		return false;
	}
}

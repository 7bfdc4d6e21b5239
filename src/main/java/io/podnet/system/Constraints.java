package io.podnet.system;

import java.util.Locale;
import org.springframework.dao.DataIntegrityViolationException;

/** Which of the schema's named constraints a refused write broke (uk_pod_name, ...). */
public final class Constraints {

	private Constraints() {
	}

	/**
	 * Whether the write broke that constraint. The name is found in the database's own message,
	 * which both H2 and PostgreSQL give it in (H2 in upper case).
	 */
	public static boolean violated(DataIntegrityViolationException e, String constraint) {
		return message(e).contains(constraint.toLowerCase(Locale.ROOT));
	}

	static String message(DataIntegrityViolationException e) {
		return String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT);
	}
}

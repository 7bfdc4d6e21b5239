package io.podnet.api;

import io.podnet.problem.InvalidQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * {@code ?force=true} on a write: carry it out even though it breaks an intent (the intent check
 * reads it deep inside the write's transaction, where no controller parameter reaches). Read from
 * the request this thread serves; false when it serves none.
 */
public final class Force {

	public static final String PARAMETER = "force";

	private Force() {
	}

	/** Whether the write asks to be forced; 400 for a value other than true or false. */
	public static boolean requested() {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			return false;
		}
		HttpServletRequest request = attributes.getRequest();
		String value = value(request.getQueryString());
		if (value == null || value.equals("false")) {
			return false;
		}
		if (value.equals("true")) {
			return true;
		}
		throw new InvalidQuery(PARAMETER, value, -1, "is not a boolean; expected true (carry the write out even though "
				+ "it breaks an intent, recorded in the audit log) or false");
	}

	/** From the query string only, as dryRun is: a form body must not force a write. */
	private static String value(String query) {
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			String name = eq < 0 ? pair : pair.substring(0, eq);
			if (name.equals(PARAMETER)) {
				// the request guard has already refused broken percent-encoding
				return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}
}

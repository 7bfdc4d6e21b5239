package io.podnet.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any controller runs, requests that no endpoint should have to reason about:
 * bodies over the size limit (podnet.max-request-body, 1 MiB; 413), bodies that are not strict
 * UTF-8 or are compressed or otherwise encoded (400 / 415), wildcard content types (415), and
 * query strings with broken percent-encoding, control characters or a parameter given twice
 * (400) — every query parameter of this API is a single value, and "first one wins" would let two
 * readers of one URL disagree. Answers are problem+json like every other refusal.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestGuard extends OncePerRequestFilter {

	/**
	 * The API's integer query parameters, read as plain ASCII decimals only: Spring's own conversion
	 * would take limit=0x10 as 16, "1 0" as 10 and full-width or Arabic-Indic digits too.
	 */
	private static final Set<String> INTEGER_PARAMETERS = Set.of("limit", "port");
	private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,10}");

	private final long limit;

	RequestGuard(@Value("${podnet.max-request-body:1MB}") DataSize limit) {
		this.limit = limit.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		QueryProblem refusal = queryProblem(request.getQueryString());
		if (refusal != null) {
			refuse(response, 400, "bad-request", "Bad request", refusal.detail(), refusal.parameter());
			return;
		}
		String encoding = request.getHeader("Content-Encoding");
		if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
			refuse(response, 415, "unsupported-media-type", "Unsupported media type", "Content-Encoding '" + encoding
					+ "' is not supported; send the JSON body uncompressed");
			return;
		}
		String contentType = request.getContentType();
		if (contentType != null && !concreteMediaType(contentType)) {
			refuse(response, 415, "unsupported-media-type", "Unsupported media type", "Content-Type '" + contentType
					+ "' is not a concrete media type; send application/json");
			return;
		}
		if (request.getContentLengthLong() > limit) {
			refuse(response, 413, "payload-too-large", "Payload too large", "the request body is "
					+ request.getContentLengthLong() + " bytes, more than the limit of " + limit + " bytes; requests are "
					+ "small JSON objects, so send one resource at a time");
			return;
		}
		byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
		if (body.length > limit) {
			refuse(response, 413, "payload-too-large", "Payload too large", "the request body is larger than " + limit
					+ " bytes, the limit of this API; requests are small JSON objects, so send one resource at a time");
			return;
		}
		if (!isUtf8(body)) {
			refuse(response, 400, "bad-request", "Bad request", "the request body is not valid UTF-8; send JSON "
					+ "encoded as UTF-8 (RFC 8259)");
			return;
		}
		chain.doFilter(new CachedBody(request, body), response);
	}

	/** Why a query string is refused, and the parameter at fault when there is one. */
	record QueryProblem(String detail, String parameter) {
	}

	/** Why the query string is refused, or null when it is fine. */
	static QueryProblem queryProblem(String query) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		Set<String> seen = new HashSet<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name;
			String value;
			try {
				name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			} catch (IllegalArgumentException e) {
				return new QueryProblem("the query string has broken percent-encoding near '" + shorten(pair)
						+ "'; encode '%' as %25", null);
			}
			if (hasControlCharacter(name) || hasControlCharacter(value)) {
				return new QueryProblem("query parameter '" + shorten(name) + "' contains a control character; expected "
						+ "plain text", shorten(name));
			}
			if (INTEGER_PARAMETERS.contains(name) && !DECIMAL.matcher(value).matches()) {
				return new QueryProblem(name + ": '" + shorten(value) + "' is not an integer; expected decimal digits "
						+ "such as 100", name);
			}
			if (!seen.add(name)) {
				return new QueryProblem("query parameter '" + shorten(name) + "' is given more than once; give each "
						+ "parameter once", shorten(name));
			}
		}
		return null;
	}

	private static boolean concreteMediaType(String contentType) {
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return !type.isWildcardType() && !type.isWildcardSubtype();
		} catch (InvalidMediaTypeException e) {
			return false;
		}
	}

	private static boolean isUtf8(byte[] body) {
		try {
			StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
			return true;
		} catch (CharacterCodingException e) {
			return false;
		}
	}

	private static boolean hasControlCharacter(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isISOControl(text.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	private static String shorten(String text) {
		String printable = text.replaceAll("\\p{Cntrl}", "?");
		return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
	}

	private static void refuse(HttpServletResponse response, int status, String slug, String title, String detail)
			throws IOException {
		refuse(response, status, slug, title, detail, null);
	}

	private static void refuse(HttpServletResponse response, int status, String slug, String title, String detail,
			String field) throws IOException {
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Connection", "close");
		response.getWriter().write("{\"type\":\"" + ApiErrors.TYPE_PREFIX + slug + "\",\"title\":\"" + title
				+ "\",\"status\":" + status + ",\"detail\":\"" + jsonEscape(detail) + "\""
				+ (field == null ? "" : ",\"field\":\"" + jsonEscape(field) + "\"") + "}");
	}

	private static String jsonEscape(String text) {
		StringBuilder escaped = new StringBuilder();
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> escaped.append("\\\"");
				case '\\' -> escaped.append("\\\\");
				default -> {
					if (c < 0x20) {
						escaped.append(String.format("\\u%04x", (int) c));
					} else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	/** The request with its body already read (and checked), served again from memory. */
	private static final class CachedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("bodies are read synchronously");
				}
			};
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}
	}
}

package io.podnet.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies (podnet.max-request-body, 1 MiB by default): a larger Content-Length is
 * refused before anything is read; a chunked body is cut off as soon as it passes the limit, and
 * {@link ApiErrors} answers 413 either way. Nothing valid comes close: the largest pod spec the
 * validation allows is well under the limit.
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

	private final long limit;

	RequestSizeLimit(@Value("${podnet.max-request-body:1MB}") DataSize limit) {
		this.limit = limit.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > limit) {
			response.setStatus(413);
			response.setContentType("application/problem+json");
			response.setHeader("Connection", "close");
			response.getWriter().write("{\"type\":\"urn:podnet:problem:payload-too-large\",\"title\":\"Payload too large\","
					+ "\"status\":413,\"detail\":\"the request body is " + request.getContentLengthLong()
					+ " bytes, more than the limit of " + limit + " bytes; requests are small JSON objects, so send one "
					+ "resource at a time\"}");
			return;
		}
		chain.doFilter(new Capped(request, limit), response);
	}

	/** A request whose body stream fails once more than {@code limit} bytes have been read. */
	private static final class Capped extends HttpServletRequestWrapper {

		private final long limit;
		private ServletInputStream stream;

		Capped(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new CountingStream(super.getInputStream(), limit);
			}
			return stream;
		}
	}

	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream delegate;
		private final long limit;
		private long read;

		CountingStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws PayloadTooLarge {
			read += n;
			if (read > limit) {
				throw new PayloadTooLarge(limit);
			}
		}

		@Override
		public boolean isFinished() {
			return delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			delegate.setReadListener(listener);
		}
	}
}

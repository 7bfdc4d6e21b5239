package io.podnet.web;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.podnet.support.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile-input corpus under {@code src/test/resources/hostile/} and a raw HTTP/1.1 client to
 * replay it. See {@code hostile/README.md} for the format of a case.
 *
 * <p>The client writes the request bytes itself over a socket, so a case can send what
 * {@code java.net.http} refuses to: raw backslashes, NUL and non-ASCII bytes in the request line,
 * invalid UTF-8, duplicate or contradictory headers, lying Content-Lengths, chunked bodies of
 * several MB generated on the fly. The body is written on its own thread while the answer is read,
 * so a server that answers 413 before reading everything is seen answering, not as a stalled write.
 */
final class HostileCorpus {

	static final String DIRECTORY = "hostile";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** {@code {{text*N}}} in a path, header or body stands for text repeated N times. */
	private static final Pattern REPEAT = Pattern.compile("\\{\\{(.+?)\\*(\\d+)}}");

	/** Bodies above this size are kept only as a count, not in memory. */
	private static final int MAX_KEPT_BODY = 1 << 20;

	private HostileCorpus() {
	}

	/** Every case of every {@code *.jsonl} file, files by name, cases in file order. */
	static List<Case> load() {
		URL url = HostileCorpus.class.getClassLoader().getResource(DIRECTORY);
		if (url == null) {
			throw new IllegalStateException("no " + DIRECTORY + "/ on the test classpath");
		}
		Path directory;
		try {
			directory = Path.of(url.toURI());
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
		List<Case> cases = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
				String area = file.getFileName().toString().replace(".jsonl", "");
				List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
				for (int i = 0; i < lines.size(); i++) {
					String line = lines.get(i).strip();
					if (line.isEmpty() || line.startsWith("#")) {
						continue;
					}
					try {
						cases.add(Case.of(area, i + 1, JSON.readTree(line)));
					} catch (RuntimeException e) {
						throw new IllegalStateException(file.getFileName() + ":" + (i + 1) + ": " + e.getMessage(), e);
					}
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return cases;
	}

	/**
	 * One malformed or invalid request and what must come back.
	 *
	 * @param statuses the statuses allowed (one, or a few when more than one is right), or empty for any 4xx
	 * @param field the {@code field} the problem must name, or null
	 * @param noProblem why the answer may lack a problem+json body (a request the container refuses
	 *        before the application sees it), or null when it must be one
	 * @param bug the bug this case revealed (since fixed), or null; the case asserts what is correct
	 * @param needs the concurrent work the case waits for ("413", "if-match"), or null
	 */
	record Case(String area, int line, String description, String method, String target,
			Map<String, String> headers, List<String> rawHeaders, Body body, boolean chunked, List<Integer> statuses,
			String field, String noProblem, String bug, String needs) {

		static Case of(String area, int line, JsonNode node) {
			String description = required(node, "description");
			Map<String, String> headers = new LinkedHashMap<>();
			node.path("headers").properties().forEach(e -> headers.put(e.getKey(),
					e.getValue().isNull() ? null : expand(e.getValue().asString())));
			List<String> rawHeaders = new ArrayList<>();
			node.path("rawHeaders").forEach(h -> rawHeaders.add(expand(h.asString())));
			return new Case(area, line, description, required(node, "method"), expand(required(node, "path")), headers,
					rawHeaders, Body.of(node), node.path("chunked").asBoolean(false),
					statuses(node.path("status")), text(node, "field"),
					text(node, "noProblem"), text(node, "bug"), text(node, "needs"));
		}

		private static List<Integer> statuses(JsonNode status) {
			List<Integer> statuses = new ArrayList<>();
			if (status.isArray()) {
				status.forEach(s -> statuses.add(s.asInt()));
			} else if (status.isNumber()) {
				statuses.add(status.asInt());
			}
			return List.copyOf(statuses);
		}

		private static String required(JsonNode node, String name) {
			String value = text(node, name);
			if (value == null) {
				throw new IllegalArgumentException("a case needs '" + name + "'");
			}
			return value;
		}

		private static String text(JsonNode node, String name) {
			return node.hasNonNull(name) ? node.get(name).asString() : null;
		}

		String name() {
			String name = area + ":" + line + " " + description;
			if (bug != null) {
				name += " [regression " + bug.split(":")[0] + "]";
			}
			if (needs != null) {
				name += " [needs " + needs + "]";
			}
			return name;
		}

		/** The request as sent, for failure messages: no more than the start of a huge body. */
		String summary() {
			return method + " " + abbreviate(target, 300) + headers + rawHeaders + " body: " + body.summary()
					+ (chunked ? " (chunked)" : "");
		}
	}

	/** A request body: none, text, bytes, or text generated from a directive so the file stays small. */
	static final class Body {

		private final byte[] prefix;
		private final byte[] repeat;
		private final byte[] separator;
		private final long times;
		private final byte[] suffix;
		private final boolean present;

		private Body(boolean present, byte[] prefix, byte[] repeat, byte[] separator, long times, byte[] suffix) {
			this.present = present;
			this.prefix = prefix;
			this.repeat = repeat;
			this.separator = separator;
			this.times = times;
			this.suffix = suffix;
		}

		static Body of(JsonNode node) {
			byte[] none = new byte[0];
			if (node.has("body")) {
				return new Body(true, utf8(expand(node.get("body").asString())), none, none, 0, none);
			}
			if (node.has("json")) {
				return new Body(true, utf8(expand(JSON.writeValueAsString(node.get("json")))), none, none, 0, none);
			}
			if (node.has("bodyBase64")) {
				return new Body(true, Base64.getDecoder().decode(node.get("bodyBase64").asString()), none, none, 0, none);
			}
			JsonNode generate = node.get("generate");
			if (generate != null) {
				return new Body(true, utf8(generate.path("prefix").asString("")), utf8(generate.path("repeat").asString()),
						utf8(generate.path("separator").asString("")), generate.path("times").asLong(),
						utf8(generate.path("suffix").asString("")));
			}
			return new Body(false, none, none, none, 0, none);
		}

		private static byte[] utf8(String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}

		boolean present() {
			return present;
		}

		long length() {
			long repeated = times * repeat.length + Math.max(0, times - 1) * separator.length;
			return prefix.length + repeated + suffix.length;
		}

		void writeTo(OutputStream out) throws IOException {
			out.write(prefix);
			if (times > 0) {
				// a few thousand repetitions per write, so multi-MB bodies cost no memory
				ByteArrayOutputStream block = new ByteArrayOutputStream();
				long written = 0;
				while (written < times) {
					block.reset();
					for (int i = 0; i < 4096 && written < times; i++, written++) {
						if (written > 0) {
							block.write(separator);
						}
						block.write(repeat);
					}
					block.writeTo(out);
				}
			}
			out.write(suffix);
		}

		String summary() {
			if (!present) {
				return "(none)";
			}
			if (times == 0) {
				return abbreviate(new String(prefix, StandardCharsets.UTF_8), 300) + " (" + length() + " bytes)";
			}
			String repeated = new String(repeat, StandardCharsets.UTF_8)
					+ (separator.length == 0 ? "" : " joined by '" + new String(separator, StandardCharsets.UTF_8) + "'");
			return abbreviate(new String(prefix, StandardCharsets.UTF_8), 100) + "{{" + repeated + " * " + times + "}}"
					+ abbreviate(new String(suffix, StandardCharsets.UTF_8), 100) + " (" + length() + " bytes)";
		}
	}

	/**
	 * What came back. {@code failure} is set when no complete answer could be read (timeout, or
	 * the connection closed before a status line).
	 */
	record Answer(int status, Map<String, String> headers, byte[] body, long bodySize, long bodyBytesSent,
			String failure) {

		String contentType() {
			return headers.getOrDefault("content-type", "");
		}

		String text() {
			return new String(body, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			if (failure != null) {
				return "no answer: " + failure + " (after sending " + bodyBytesSent + " body bytes)";
			}
			return status + " " + contentType() + " (" + bodySize + " bytes) " + abbreviate(text(), 600);
		}
	}

	/** Sends the case's request on a fresh connection and reads the whole answer. */
	static Answer send(Case c, int port, int timeoutMillis) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", port), 5_000);
			socket.setSoTimeout(timeoutMillis);
			OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
			out.write(head(c, port));
			out.flush();
			AtomicLong sent = new AtomicLong();
			AtomicReference<IOException> writeFailure = new AtomicReference<>();
			Thread writer = null;
			if (c.body().present()) {
				writer = new Thread(() -> {
					try {
						OutputStream counting = new CountingOutput(out, sent);
						if (c.chunked()) {
							OutputStream chunks = new ChunkedOutput(counting);
							c.body().writeTo(chunks);
							chunks.close();
						} else {
							c.body().writeTo(counting);
						}
						out.flush();
					} catch (IOException e) {
						// the server answered and closed before taking the whole body: fine, read the answer
						writeFailure.set(e);
					}
				}, "hostile-body-writer");
				writer.setDaemon(true);
				writer.start();
			}
			Answer answer;
			try {
				answer = read(socket.getInputStream(), sent);
			} catch (SocketTimeoutException e) {
				answer = new Answer(0, Map.of(), new byte[0], 0, sent.get(), "timed out after " + timeoutMillis + " ms");
			} catch (IOException e) {
				String why = e.getMessage() + (writeFailure.get() == null ? "" : "; writing: " + writeFailure.get().getMessage());
				answer = new Answer(0, Map.of(), new byte[0], 0, sent.get(), why);
			}
			socket.close();
			if (writer != null) {
				writer.join(5_000);
			}
			return answer;
		} catch (IOException e) {
			return new Answer(0, Map.of(), new byte[0], 0, 0, "could not send: " + e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Request line and headers: Host, Connection: close, the admin token, and the body's framing unless a case overrides them. */
	private static byte[] head(Case c, int port) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Host", "localhost:" + port);
		headers.put("Connection", "close");
		// the admin token: every case is judged as the most powerful caller sends it (auth.jsonl changes it)
		headers.put("Authorization", "Bearer " + Api.ADMIN_TOKEN);
		if (c.body().present()) {
			headers.put("Content-Type", "application/json");
			if (c.chunked()) {
				headers.put("Transfer-Encoding", "chunked");
			} else {
				headers.put("Content-Length", Long.toString(c.body().length()));
			}
		}
		// a case's header replaces the default of any spelling; null removes it
		c.headers().forEach((name, value) -> {
			headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
			if (value != null) {
				headers.put(name, value);
			}
		});
		StringBuilder head = new StringBuilder(c.method()).append(' ').append(c.target()).append(" HTTP/1.1\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		c.rawHeaders().forEach(line -> head.append(line).append("\r\n"));
		head.append("\r\n");
		return head.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static Answer read(InputStream raw, AtomicLong sent) throws IOException {
		InputStream in = new BufferedInputStream(raw);
		String statusLine = line(in);
		if (statusLine == null) {
			throw new IOException("connection closed before a status line");
		}
		// skip interim 1xx answers (100 Continue)
		while (statusLine.matches("HTTP/1\\.[01] 1\\d\\d.*")) {
			for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
				// interim headers
			}
			statusLine = line(in);
			if (statusLine == null) {
				throw new IOException("connection closed after an interim answer");
			}
		}
		String[] parts = statusLine.split(" ", 3);
		int status = Integer.parseInt(parts[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
			int colon = header.indexOf(':');
			if (colon > 0) {
				headers.merge(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip(),
						(a, b) -> a + ", " + b);
			}
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		long size;
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			size = 0;
			for (String sizeLine = line(in); sizeLine != null; sizeLine = line(in)) {
				long chunk = Long.parseLong(sizeLine.split(";")[0].strip(), 16);
				if (chunk == 0) {
					break;
				}
				size += copy(in, body, chunk);
				line(in);
			}
		} else if (headers.containsKey("content-length")) {
			size = copy(in, body, Long.parseLong(headers.get("content-length")));
		} else {
			size = copy(in, body, Long.MAX_VALUE);
		}
		return new Answer(status, headers, body.toByteArray(), size, sent.get(), null);
	}

	/** Copies up to {@code count} bytes, keeping the first {@link #MAX_KEPT_BODY}; returns how many there were. */
	private static long copy(InputStream in, ByteArrayOutputStream kept, long count) throws IOException {
		byte[] buffer = new byte[8192];
		long total = 0;
		while (total < count) {
			int n = in.read(buffer, 0, (int) Math.min(buffer.length, count - total));
			if (n < 0) {
				break;
			}
			int keep = (int) Math.max(0, Math.min(n, MAX_KEPT_BODY - kept.size()));
			kept.write(buffer, 0, keep);
			total += n;
		}
		return total;
	}

	/** One CRLF-terminated line, or null at the end of the stream. */
	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0) {
			if (b == '\n') {
				break;
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		if (b < 0 && line.size() == 0) {
			return null;
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	static String expand(String text) {
		Matcher m = REPEAT.matcher(text);
		StringBuilder expanded = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(expanded, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
		}
		m.appendTail(expanded);
		return expanded.toString();
	}

	static String abbreviate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
	}

	private static final class CountingOutput extends OutputStream {

		private final OutputStream out;
		private final AtomicLong count;

		CountingOutput(OutputStream out, AtomicLong count) {
			this.out = out;
			this.count = count;
		}

		@Override
		public void write(int b) throws IOException {
			out.write(b);
			count.incrementAndGet();
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
			count.addAndGet(len);
		}

		@Override
		public void flush() throws IOException {
			out.flush();
		}
	}

	/** HTTP/1.1 chunked framing, 64 KiB a chunk. */
	private static final class ChunkedOutput extends OutputStream {

		private final OutputStream out;
		private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

		ChunkedOutput(OutputStream out) {
			this.out = out;
		}

		@Override
		public void write(int b) throws IOException {
			pending.write(b);
			drain(false);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			pending.write(b, off, len);
			drain(false);
		}

		private void drain(boolean all) throws IOException {
			if (pending.size() >= 1 << 16 || (all && pending.size() > 0)) {
				out.write((Integer.toHexString(pending.size()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				pending.writeTo(out);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				pending.reset();
			}
		}

		@Override
		public void close() throws IOException {
			drain(true);
			out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
	}
}

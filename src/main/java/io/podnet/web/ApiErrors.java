package io.podnet.web;

import io.podnet.problem.DatabaseUnavailable;
import io.podnet.problem.Problem;
import io.podnet.problem.Echo;
import io.podnet.problem.Conflict;
import io.podnet.database.DatabaseFailures;
import io.podnet.database.Constraints;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DatabindException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every refusal, in one place, as an RFC 9457 problem+json whose {@code detail} names the field,
 * the bad value and what would be valid. Status codes as Kubernetes uses them: 400 for a body
 * that cannot be read (malformed JSON, unknown field, wrong type), 422 for a value that is
 * invalid, 404, 409. Spring's own exceptions keep the handling of the base class.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

	static final String TYPE_PREFIX = Problem.TYPE_PREFIX;

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

	private final AllocationFailures allocationFailures;

	ApiErrors(AllocationFailures allocationFailures) {
		this.allocationFailures = allocationFailures;
	}

	@ExceptionHandler(Problem.class)
	ResponseEntity<ProblemDetail> problem(Problem problem) {
		if (problem instanceof Conflict conflict) {
			allocationFailures.count(conflict);
		}
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(problem.status()), problem.getMessage());
		body.setType(URI.create(TYPE_PREFIX + problem.slug()));
		body.setTitle(problem.title());
		problem.properties().forEach(body::setProperty);
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.status());
		if (problem instanceof DatabaseUnavailable) {
			answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER.toSeconds()));
		}
		return answer.body(body);
	}

	/**
	 * The database is down, restarting, failing over or too slow: 503 with Retry-After, whatever
	 * layer noticed it first (the pool, a statement, the commit). Never a 500.
	 */
	private ResponseEntity<ProblemDetail> unavailable(Exception e) {
		log.warn("Database unavailable: {}", e.toString());
		return problem(new DatabaseUnavailable("the database is unavailable right now (it may be restarting or "
				+ "failing over); retry in " + DatabaseUnavailable.RETRY_AFTER.toSeconds() + " s. A write that got this "
				+ "answer may or may not have been committed: a retried create answers 409 already-exists if it was"));
	}

	/** A concurrent request took the same name, address or subnet first; the loser changes nothing. */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
		if (DatabaseFailures.isUnavailable(e)) {
			return unavailable(e);
		}
		String cause = String.valueOf(e.getMostSpecificCause().getMessage());
		log.info("Refused a write that conflicts with committed state: {}", cause);
		// the unique constraints on names (uk_cluster_name, uk_node_name, uk_pod_name) mean a concurrent
		// create of the same name won; retrying cannot succeed, unlike a lost race for an address
		if (Constraints.violated(e, "uk_cluster_name", "uk_node_name", "uk_pod_name")) {
			return problem(Conflict.nameTakenConcurrently());
		}
		return problem(Conflict.inUse("the request conflicts with a resource created or changed concurrently "
				+ "(same address or subnet); nothing was changed, retry the request"));
	}

	@ExceptionHandler({ PessimisticLockingFailureException.class, ObjectOptimisticLockingFailureException.class })
	ResponseEntity<ProblemDetail> concurrent(RuntimeException e) {
		if (DatabaseFailures.isUnavailable(e)) {
			// a lock not granted within the lock timeout: the database is too busy, not the request wrong
			return unavailable(e);
		}
		log.info("Refused a write that lost a race: {}", e.getMessage());
		return problem(Conflict.inUse("a concurrent request changed the same resource; nothing was changed, "
				+ "retry the request"));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
		String expected = e.getRequiredType() == null ? "a valid value" : typeName(e.getRequiredType());
		return badRequest(e.getName() + ": '" + e.getValue() + "' is not " + expected, e.getName());
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> fieldErrors = ex.getBindingResult().getFieldErrors();
		List<Map<String, Object>> errors = fieldErrors.stream()
				.sorted(Comparator.comparing(FieldError::getField))
				.limit(MAX_ERRORS).map(ApiErrors::describe).toList();
		String detail = errors.stream()
				.map(e -> e.get("field") + ": " + (shown(e.get("value")) + " " + e.get("message")).strip())
				.collect(Collectors.joining("; "));
		if (fieldErrors.size() > MAX_ERRORS) {
			detail += "; and " + (fieldErrors.size() - MAX_ERRORS) + " more";
		}
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
		body.setType(URI.create(TYPE_PREFIX + "invalid-value"));
		body.setTitle("Invalid value");
		body.setProperty("errors", errors);
		body.setProperty("errorCount", fieldErrors.size());
		return ResponseEntity.unprocessableContent().body(body);
	}

	/** At most this many field errors are listed: 100,000 null containers are one mistake, not 100,000. */
	static final int MAX_ERRORS = 20;

	private static Map<String, Object> describe(FieldError error) {
		String value = Echo.of(error.getRejectedValue());
		return value == null
				? Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()))
				: Map.of("field", error.getField(), "value", value, "message", String.valueOf(error.getDefaultMessage()));
	}

	private static String shown(Object value) {
		return value == null ? "" : "'" + value + "'";
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			String field = path(unknown);
			List<String> known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
			return badRequest("unknown field '" + field + "'; known fields are " + known, field);
		}
		if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			String field = path(mismatch);
			String expected = mismatch.getTargetType() == null ? "another type" : typeName(mismatch.getTargetType());
			return badRequest(field + ": wrong type, expected " + expected, field);
		}
		if (cause instanceof InputCoercionException outOfRange) {
			String field = fieldBeingRead(outOfRange);
			return badRequest((field == null ? "a number" : field + ":") + " is out of range; expected an integer from "
					+ Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + " (and within the field's own limits)", field);
		}
		if (cause instanceof DatabindException) {
			// the body is well-formed JSON of the wrong shape: an array, a string, a number...
			return badRequest("the request body must be a JSON object with this request's fields", null);
		}
		if (cause instanceof StreamReadException || cause instanceof JacksonException) {
			JacksonException json = (JacksonException) cause;
			String where = json.getLocation() == null ? ""
					: " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr();
			return badRequest("malformed JSON" + where + ": " + firstLine(json.getOriginalMessage()), null);
		}
		return badRequest("the request body is missing or unreadable; expected a JSON object", null);
	}

	/** The field the parser was on when a number did not fit, if it can tell. */
	private static String fieldBeingRead(InputCoercionException e) {
		JsonParser parser = e.processor();
		StringBuilder path = new StringBuilder();
		for (TokenStreamContext context = parser == null ? null : parser.streamReadContext();
				context != null && !context.inRoot(); context = context.getParent()) {
			path.insert(0, context.inArray() ? "[" + context.getCurrentIndex() + "]" : "." + context.currentName());
		}
		return path.isEmpty() ? null : path.substring(path.charAt(0) == '.' ? 1 : 0);
	}

	private static String path(JacksonException e) {
		return e.getPath().stream()
				.map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
				.collect(Collectors.joining(".")).replace(".[", "[");
	}

	private static String typeName(Class<?> type) {
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "an integer";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (List.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		if (type.isEnum()) {
			return "one of " + List.of(type.getEnumConstants());
		}
		return "an object";
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

	private ResponseEntity<Object> badRequest(String detail, String field) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		body.setType(URI.create(TYPE_PREFIX + "bad-request"));
		body.setTitle("Bad request");
		if (field != null) {
			body.setProperty("field", field);
		}
		return ResponseEntity.badRequest().body(body);
	}

	/** Anything unexpected: a 500 that says nothing of the internals, logged with its cause. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception e) {
		if (DatabaseFailures.isUnavailable(e)) {
			return unavailable(e);
		}
		log.error("Unexpected error", e);
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"an unexpected error occurred; it has been logged");
		return ResponseEntity.internalServerError().body(body);
	}
}

package io.podnet.web;

import io.podnet.problem.Echo;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container itself refuses (a TRACE, a broken chunked body...) never reaches a
 * controller; it lands here, and gets the same problem+json as everything else instead of Spring
 * Boot's default error body.
 */
@RestController
@Hidden
class ErrorPage implements ErrorController {

	@RequestMapping(path = "/error", produces = { "application/problem+json", MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code == null) {
			// asked for directly, not forwarded by the container: there is no such resource
			code = 404;
		}
		HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, status.is5xxServerError()
				? "an unexpected error occurred; it has been logged"
				: "the request was refused before it reached the API: " + status.getReasonPhrase());
		body.setType(URI.create(ApiErrors.TYPE_PREFIX + (status.is5xxServerError() ? "internal-error" : "bad-request")));
		body.setTitle(status.getReasonPhrase());
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri != null) {
			try {
				body.setInstance(URI.create(Echo.cut(String.valueOf(uri))));
			} catch (IllegalArgumentException e) {
				// a request line odd enough to be refused may not even be a URI: leave instance out
			}
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}
}

package io.podnet.audit;

import io.podnet.api.ItemList;
import io.podnet.api.Paging;
import io.podnet.problem.InvalidValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Every write and who sent it, committed or refused (admin only)")
class AuditController {

	private final AuditRepository events;

	AuditController(AuditRepository events) {
		this.events = events;
	}

	@GetMapping
	@Transactional(readOnly = true)
	@Operation(summary = "Read the audit log", description = "Oldest first, a page at a time with limit and continue; "
			+ "filtered by cluster, token and time. A committed record was written in the same transaction as the change.")
	ItemList<AuditEventView> list(
			@Parameter(description = "Only writes about this cluster", example = "demo") @RequestParam(required = false) String cluster,
			@Parameter(description = "Only writes sent with this token", example = "ci-deployer") @RequestParam(required = false) String token,
			@Parameter(description = "Only writes at or after this time (RFC 3339)", example = "2026-12-04T10:00:00Z")
			@RequestParam(required = false) String since,
			Paging paging) {
		String after = paging.after(0);
		if (!after.matches("[0-9]{0,18}")) {
			throw new InvalidValue("continue", after, "is not a continue token of this list; pass the metadata.continue "
					+ "of the previous page unchanged, or start again without it");
		}
		long afterId = after.isEmpty() ? 0 : Long.parseLong(after);
		return paging.page(events.findPage(afterId, blankToNull(cluster), blankToNull(token), instant(since),
				paging.limit() + 1), e -> List.of(Long.toString(e.id())), e -> e);
	}

	private static String blankToNull(String value) {
		return value == null || value.isEmpty() ? null : value;
	}

	private static Instant instant(String since) {
		if (since == null || since.isEmpty()) {
			return null;
		}
		try {
			return Instant.parse(since);
		} catch (DateTimeParseException e) {
			throw new InvalidValue("since", since, "is not a time; expected RFC 3339 in UTC, e.g. 2026-12-04T10:00:00Z");
		}
	}
}

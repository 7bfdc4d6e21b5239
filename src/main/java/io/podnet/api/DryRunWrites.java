package io.podnet.api;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

/**
 * {@code ?dryRun=All} on every write ({@link DryRun}), for every controller at once and for write
 * methods added later (PATCH) without further work: the handler of a dry run runs inside one
 * transaction that is always rolled back. The services' own transactions join it, so the write is
 * carried out exactly as it would be — the same locks, validation, next-fit allocation, gateway route
 * and constraint checks — and its answer is the real one, while nothing it wrote, no allocator cursor
 * it moved and no audit record of a change (written only when a transaction commits) outlives it.
 *
 * <p>The transaction wraps the handler method itself, not the whole request, so that what goes
 * wrong inside it is answered by the usual exception handlers (409, 412, 422...) before any byte of
 * the answer is written; and before the rollback it is flushed, so that a constraint the commit would
 * have broken is broken here too, and answered as it would have been.
 *
 * <p>One difference remains: a service that retries in a new transaction of its own after a failed
 * statement retries, on a dry run, in this same one. Pod creation does so when its veth name is
 * taken on the node (a 1-in-2^32 clash per pod there); PostgreSQL refuses every statement of a
 * transaction after a failed one, so inside a dry run PodService does not retry and answers 409
 * ("retry the request") where the real create would retry by itself.
 */
@Configuration(proxyBeanMethods = false)
class DryRunWrites implements WebMvcRegistrations {

	/** Looked up on the first dry run: Spring MVC's configuration asks for this bean before the database's is ready. */
	private final ObjectProvider<PlatformTransactionManager> transactionManager;

	DryRunWrites(ObjectProvider<PlatformTransactionManager> transactionManager) {
		this.transactionManager = transactionManager;
	}

	@Override
	public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
		return new RequestMappingHandlerAdapter() {
			@Override
			protected ServletInvocableHandlerMethod createInvocableHandlerMethod(HandlerMethod handlerMethod) {
				return new DryRunnable(handlerMethod);
			}
		};
	}

	/** A handler method that, on a dry run, runs in a transaction rolled back whatever happens. */
	private final class DryRunnable extends ServletInvocableHandlerMethod {

		DryRunnable(HandlerMethod handlerMethod) {
			super(handlerMethod);
		}

		@Override
		public Object invokeForRequest(NativeWebRequest request, ModelAndViewContainer mav, Object... providedArgs)
				throws Exception {
			HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
			// an error page rendered for a write is not the write: it neither needs nor checks dryRun
			if (http == null || http.getDispatcherType() != DispatcherType.REQUEST || !DryRun.requested(http)) {
				return super.invokeForRequest(request, mav, providedArgs);
			}
			PlatformTransactionManager transactions = transactionManager.getObject();
			DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
			definition.setName("dryRun " + http.getMethod() + " " + http.getRequestURI());
			TransactionStatus status = transactions.getTransaction(definition);
			try {
				Object answer = super.invokeForRequest(request, mav, providedArgs);
				status.flush();
				return answer;
			} finally {
				transactions.rollback(status);
			}
		}
	}

	/** Documents dryRun on every operation of a write method. */
	@Bean
	OperationCustomizer dryRunDocumentation() {
		return (operation, handler) -> {
			RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
			if (mapping != null && Arrays.stream(mapping.method()).anyMatch(m -> DryRun.WRITES.contains(m.name()))) {
				operation.addParametersItem(new Parameter().in("query").name(DryRun.PARAMETER).required(false)
						.schema(new StringSchema()._enum(List.of(DryRun.ALL)))
						.description("All: validate the request and carry it out in full (allocations included), "
								+ "answer what it would answer, and store nothing: no allocator moves, no audit "
								+ "record of a change. As Kubernetes' dryRun; any other value is 400.")
						.example(DryRun.ALL));
			}
			return operation;
		};
	}
}

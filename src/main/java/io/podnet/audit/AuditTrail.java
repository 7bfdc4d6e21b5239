package io.podnet.audit;

import io.podnet.access.Caller;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the 'committed' record of a write request inside the transaction that makes the change,
 * just before it commits: the change and its record commit together or not at all, so there is
 * never a change without its record nor a record of a change that did not happen. Spring Boot
 * hands this listener to the transaction manager; it sees every transaction that begins.
 */
@Component
class AuditTrail implements TransactionExecutionListener {

	private final AuditRepository events;

	AuditTrail(AuditRepository events) {
		this.events = events;
	}

	@Override
	public void afterBegin(TransactionExecution transaction, Throwable beginFailure) {
		AuditedWrite write = AuditedWrite.current();
		if (beginFailure != null || write == null || transaction.isReadOnly()
				|| !TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			private Long id;

			@Override
			public void beforeCommit(boolean readOnly) {
				if (!readOnly && write.recorded == null) {
					id = events.insert(new AuditEventView(0, write.at, Caller.currentName().orElse(null), write.method,
							write.path, write.cluster(), write.expectedStatus(), "committed", write.body.get(),
							write.note));
				}
			}

			@Override
			public void afterCompletion(int status) {
				if (status == STATUS_COMMITTED && id != null) {
					write.recorded = id;
				}
			}
		});
	}
}

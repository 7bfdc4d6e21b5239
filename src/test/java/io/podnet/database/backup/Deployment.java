package io.podnet.database.backup;

import io.podnet.support.ServiceProcess;
import java.nio.file.Path;

/**
 * Where the services of a backup test keep their data, and the documented commands that back that
 * data up and restore it into a fresh service.
 */
interface Deployment {

	/** A service on fresh, empty data of its own. */
	ServiceProcess start(String name);

	/** Runs the documented backup command against the running service's data; the backup file. */
	Path backUp(ServiceProcess service);

	/** Restores the backup with the documented commands into fresh data and starts a service on it. */
	ServiceProcess restore(Path backup, String name);
}

package org.rollcall.ui;

import java.nio.file.Path;
import java.sql.SQLException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/** Opens a workspace in the background (the first connection starts Calcite, which takes a moment). */
final class OpenWorkspaceJob extends Job {

    static final String PLUGIN_ID = "org.rollcall.ui";

    private final Path file;

    OpenWorkspaceJob(Path file) {
        super("Opening workspace " + file.getFileName());
        this.file = file;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask("Opening " + file, IProgressMonitor.UNKNOWN);
        try {
            WorkspaceSession.get().open(file);
            return Status.OK_STATUS;
        } catch (SQLException | RuntimeException e) {
            // an error status is shown to the analyst in a dialog by the job framework
            return Status.error("Cannot open " + file + ": " + e.getMessage(), e);
        } finally {
            monitor.done();
        }
    }
}

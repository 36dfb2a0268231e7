package org.rollcall.ui;

import java.nio.file.Path;
import java.sql.SQLException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.progress.IProgressConstants;

/**
 * Opens a workspace in the background (the first connection starts Calcite, which takes a moment) and tells
 * the analyst in a dialog why a file could not be opened. File > Open Workspace..., the
 * {@code -rollcall.workspace} argument and the UI test all open workspaces through {@link #open(Path)}.
 */
public final class OpenWorkspaceJob extends Job {

    private final Path file;

    /** A job not yet scheduled, for callers that listen to it first; most callers use {@link #open(Path)}. */
    OpenWorkspaceJob(Path file) {
        super("Opening workspace " + file.getFileName());
        this.file = file.toAbsolutePath();
        setUser(true);
        // our own dialog says what went wrong; the workbench's generic "Problem Occurred" would say it twice
        setProperty(IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
        addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (event.getResult().getSeverity() == IStatus.ERROR) {
                    showError(event.getResult().getMessage());
                }
            }
        });
    }

    /** Starts opening {@code file}; the job ends once the session holds it or the analyst has been told why not. */
    public static Job open(Path file) {
        Job job = new OpenWorkspaceJob(file);
        job.schedule();
        return job;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask("Opening " + file, IProgressMonitor.UNKNOWN);
        try {
            WorkspaceSession.get().open(file);
            return Status.OK_STATUS;
        } catch (SQLException | RuntimeException e) {
            // the workbench logs a job's error status; our dialog shows its message
            return Status.error(e.getMessage() == null ? "Cannot open " + file : e.getMessage(), e);
        } finally {
            monitor.done();
        }
    }

    private static void showError(String message) {
        PlatformUI.getWorkbench().getDisplay().asyncExec(() -> MessageDialog.openError(
                PlatformUI.getWorkbench().getModalDialogShellProvider().getShell(), "Cannot open workspace",
                message));
    }
}

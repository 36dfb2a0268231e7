package org.rollcall.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary {@code <target><digits>.partial} file a workspace is built in, with an exclusive lock on
 * {@code <partial>.lock} held while it is written, and the removal of the ones killed builders left behind. A
 * builder's lock is released by the operating system when it dies, so a partial file whose lock can be taken has
 * no writer; one whose lock is held belongs to a build still running (another {@code generate} of the same target)
 * and stays. Age would be no test: a builder keeps up to 256 MB of pages in memory and may not touch its file for
 * minutes. See docs/crash-recovery.md.
 */
final class PartialFile implements AutoCloseable {

    private static final String SUFFIX = ".partial";
    private static final String LOCK = ".lock";

    private final Path file;
    private final FileChannel channel;

    private PartialFile(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Removes the partial files dead builders of {@code target} left, then makes a locked one for this build. */
    static PartialFile create(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        removeStale(dir, name);
        for (int attempt = 0;; attempt++) {
            Path lockFile = Files.createTempFile(dir, name, SUFFIX + LOCK);
            FileChannel channel;
            try {
                channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                continue; // a cleaner took the new lock file for a dead builder's and removed it: take another
            }
            FileLock lock = tryLock(channel);
            // (the same, had the cleaner removed it before the lock was taken)
            if (lock != null && Files.exists(lockFile)) {
                String lockName = lockFile.getFileName().toString();
                Path file = dir.resolve(lockName.substring(0, lockName.length() - LOCK.length()));
                return new PartialFile(file, channel);
            }
            channel.close();
            if (attempt >= 10) {
                throw new IOException("cannot lock a temporary file in " + dir);
            }
        }
    }

    /** The file to build the workspace in; it does not exist yet. */
    Path file() {
        return file;
    }

    /** Deletes what is left of the partial file (nothing once it has been moved into place) and its lock. */
    @Override
    public void close() {
        try {
            deleteFiles(file);
        } catch (IOException e) {
            // best effort: what is left has no writer any more, so the next build of the target removes it
        } finally {
            try {
                channel.close(); // releases the lock
            } catch (IOException e) {
                // the lock goes with the process at the latest
            }
        }
    }

    /** Removes every {@code <name><digits>.partial} in {@code dir}, with its journal and lock, that no one writes. */
    static void removeStale(Path dir, String name) {
        Pattern pattern = Pattern.compile(Pattern.quote(name) + "\\d+" + Pattern.quote(SUFFIX) + "(-journal|\\.lock)?");
        Set<String> partials = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Matcher m = pattern.matcher(entry.getFileName().toString());
                if (m.matches()) {
                    String fileName = entry.getFileName().toString();
                    partials.add(m.group(1) == null ? fileName : fileName.substring(0, fileName.length()
                            - m.group(1).length()));
                }
            }
        } catch (IOException e) {
            return; // best effort: a folder we cannot list holds nothing we can remove either
        }
        for (String partial : partials) {
            Path file = dir.resolve(partial);
            try (FileChannel channel = FileChannel.open(dir.resolve(partial + LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    try {
                        deleteFiles(file);
                    } finally {
                        lock.release();
                    }
                }
            } catch (IOException e) {
                // best effort: left for the next build
            }
        }
    }

    private static void deleteFiles(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-journal"));
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + LOCK));
    }

    /** The lock, or null when another process, or another build in this one, holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }
}

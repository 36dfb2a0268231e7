package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code generate} killed with {@code kill -9} leaves its half-written {@code .partial} file; the next build of the
 * same target removes it, and leaves alone the one a build still running writes.
 */
class InterruptedBuildTest {

    @TempDir
    Path dir;

    @Test
    void theNextGenerateRemovesAKilledOnesPartialFileButNotALiveOnes() throws Exception {
        Path target = dir.resolve("district.rollcall");
        String[] generate = {"generate", "--students", "150", "--years", "1", "--out", target.toString()};
        try (ChildProcess killed = ChildProcess.rollcall(dir, "build.fill", generate)) {
            killed.awaitPause("build.fill");
            killed.kill();
        }
        List<Path> left = partials("district.rollcall");
        assertEquals(1, left.size(), "the killed build left its partial file: " + left);
        assertTrue(Files.size(left.get(0)) > 100_000, "it holds the half-built workspace");
        Path older = Files.write(dir.resolve("district.rollcall4242.partial"), new byte[1000]); // an older version's
        Path otherTarget = Files.write(dir.resolve("other.rollcall77.partial"), new byte[10]);
        List<Path> liveOnes;
        try (ChildProcess live = ChildProcess.rollcall(dir, "build.fill", generate)) {
            live.awaitPause("build.fill");
            liveOnes = partials("district.rollcall").stream().filter(p -> !left.contains(p) && !p.equals(older))
                    .toList();
            assertEquals(1, liveOnes.size(), liveOnes.toString());

            RollCallCommandLineTest.Run run = RollCallCommandLineTest.run(generate);
            assertEquals(0, run.exitCode(), run.err());

            assertEquals(liveOnes, partials("district.rollcall"), "only the live build's partial file is left");
            assertTrue(live.isAlive());
        }
        assertTrue(Files.exists(otherTarget), "another target's files are not this build's business");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(liveOnes.get(0).getFileName() + "", liveOnes.get(0).getFileName() + ".lock"),
                    files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("district.rollcall")
                            && n.contains(".partial")).sorted().toList(),
                    "the killed build's partial file, lock and journal are gone, and the new build left none");
        }
        RollCallCommandLineTest.Run query = RollCallCommandLineTest.run("query", "-w", target.toString(), "--csv",
                "select count(*) as n from students");
        assertEquals(0, query.exitCode(), query.err());
    }

    private List<Path> partials(String target) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(target)
                    + "\\d+\\.partial")).sorted().toList();
        }
    }
}

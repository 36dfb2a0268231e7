package org.rollcall.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.rollcall.server.Scram;
import org.rollcall.server.UsersFile;
import org.rollcall.server.UsersFile.User;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rollcall users}: the users file of {@code rollcall serve} (SCRAM-SHA-256 verifiers, never passwords). */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Manage who may log in to `rollcall serve`. The users file holds a SCRAM-SHA-256 verifier per "
                + "user (salt, iteration count, StoredKey, ServerKey), never a password, and is readable by its owner "
                + "only.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class})
final class UsersCommand {

    /** The environment variable {@code users add} reads the password from; without it, the console asks twice. */
    static final String PASSWORD_ENV = "ROLLCALL_PASSWORD";

    @Option(names = "--users", required = true, paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The users file (JSON).")
    Path users;

    /** {@code rollcall users add}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a user, or give an existing one a new password and scope. The password comes from "
                    + "the environment variable " + PASSWORD_ENV + ", else it is asked twice on the console.",
                "A user scoped to districts or schools sees, through `rollcall serve`, only those schools' rows: "
                    + "their students, days and summaries, and aggregates of those schools."})
    static final class Add implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "The user name clients log in with.")
        String name;

        @Option(names = "--district", paramLabel = "CODE", description = "Limit the user to this district (repeatable).")
        List<String> districts = new ArrayList<>();

        @Option(names = "--school", paramLabel = "CDS", description = "Limit the user to this school (repeatable).")
        List<String> schools = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            if (name.isBlank() || name.indexOf('\0') >= 0) {
                throw new ParameterException(spec.commandLine(), "--name must not be empty");
            }
            char[] password = password();
            List<User> users = new ArrayList<>(UsersFile.read(parent.users));
            boolean replaced = users.removeIf(u -> u.name().equals(name));
            users.add(new User(name, Scram.verifier(password, Scram.DEFAULT_ITERATIONS), districts, schools));
            Arrays.fill(password, '\0');
            UsersFile.write(parent.users, users);
            spec.commandLine().getOut().printf("%s user '%s'%s in %s%n", replaced ? "Updated" : "Added", name,
                    scope(users.get(users.size() - 1)), parent.users);
            return 0;
        }

        private char[] password() {
            String fromEnv = System.getenv(PASSWORD_ENV);
            if (fromEnv != null) {
                if (fromEnv.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), PASSWORD_ENV + " is empty: a password is required");
                }
                return fromEnv.toCharArray();
            }
            Console console = System.console();
            if (console == null) {
                throw new ParameterException(spec.commandLine(),
                        "no console to ask for the password: set " + PASSWORD_ENV);
            }
            char[] first = console.readPassword("Password for %s: ", name);
            char[] second = console.readPassword("Again: ");
            if (first == null || first.length == 0) {
                throw new ParameterException(spec.commandLine(), "the password must not be empty");
            }
            if (!Arrays.equals(first, second)) {
                throw new ParameterException(spec.commandLine(), "the two passwords differ");
            }
            return first;
        }
    }

    /** {@code rollcall users list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users and their scopes.")
    static final class ListUsers implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<User> users = UsersFile.read(parent.users);
            if (users.isEmpty()) {
                out.println("No users in " + parent.users);
            }
            for (User user : users) {
                out.println(user.name() + scope(user));
            }
            return 0;
        }
    }

    /** {@code rollcall users remove}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "The user to remove.")
        String name;

        @Override
        public Integer call() throws IOException {
            List<User> users = new ArrayList<>(UsersFile.read(parent.users));
            if (!users.removeIf(u -> u.name().equals(name))) {
                spec.commandLine().getErr().println("rollcall: no user '" + name + "' in " + parent.users);
                return 1;
            }
            UsersFile.write(parent.users, users);
            spec.commandLine().getOut().printf("Removed user '%s' from %s%n", name, parent.users);
            return 0;
        }
    }

    private static String scope(User user) {
        if (!user.scoped()) {
            return " (all districts and schools)";
        }
        List<String> parts = new ArrayList<>();
        if (!user.districts().isEmpty()) {
            parts.add("districts " + String.join(", ", user.districts()));
        }
        if (!user.schools().isEmpty()) {
            parts.add("schools " + String.join(", ", user.schools()));
        }
        return " (" + String.join("; ", parts) + ")";
    }
}

package org.rollcall.server;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The users of {@code rollcall serve}: a JSON file holding, per user, a SCRAM-SHA-256 verifier and the districts and
 * schools the user is scoped to. Written atomically (a temporary file renamed over it), readable by its owner only.
 */
public final class UsersFile {

    /** One user: a name, a verifier, and the district codes and school CDS codes it is limited to (empty: all). */
    public record User(String name, Scram.Verifier verifier, List<String> districts, List<String> schools) {
        public User {
            districts = List.copyOf(districts);
            schools = List.copyOf(schools);
        }

        /** Whether the user sees only part of the workspace. */
        public boolean scoped() {
            return !districts.isEmpty() || !schools.isEmpty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private UsersFile() {
    }

    /** The users in {@code file}; none when it does not exist. */
    public static List<User> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ", line " + e.getLocation().getLineNr() + ": not a users file ("
                    + e.getOriginalMessage() + ")");
        }
        List<User> users = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("users");
        if (list == null || !list.isArray()) {
            throw new IOException(file + ": not a users file (no \"users\" list)");
        }
        for (JsonNode node : list) {
            String name = text(file, node, "name");
            try {
                Base64.Decoder b64 = Base64.getDecoder();
                Scram.Verifier verifier = new Scram.Verifier(b64.decode(text(file, node, "salt")),
                        node.path("iterations").asInt(0), b64.decode(text(file, node, "storedKey")),
                        b64.decode(text(file, node, "serverKey")));
                if (verifier.iterations() < Scram.DEFAULT_ITERATIONS || verifier.storedKey().length != 32
                        || verifier.serverKey().length != 32) {
                    throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
                }
                users.add(new User(name, verifier, strings(node.path("districts")), strings(node.path("schools"))));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": user " + name + ": " + e.getMessage());
            }
        }
        return users;
    }

    /** The user called {@code name}, if any. */
    public static Optional<User> find(List<User> users, String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** Writes {@code users} to {@code file}, replacing it in one step; the file is readable by its owner only. */
    public static void write(Path file, List<User> users) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("users");
        Base64.Encoder b64 = Base64.getEncoder();
        for (User user : users) {
            ObjectNode node = list.addObject();
            node.put("name", user.name());
            node.put("mechanism", Scram.MECHANISM);
            node.put("iterations", user.verifier().iterations());
            node.put("salt", b64.encodeToString(user.verifier().salt()));
            node.put("storedKey", b64.encodeToString(user.verifier().storedKey()));
            node.put("serverKey", b64.encodeToString(user.verifier().serverKey()));
            user.districts().forEach(node.putArray("districts")::add);
            user.schools().forEach(node.putArray("schools")::add);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary;
        try {
            temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        }
        try {
            Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String text(Path file, JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IOException(file + ": a user has no \"" + field + "\"");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}

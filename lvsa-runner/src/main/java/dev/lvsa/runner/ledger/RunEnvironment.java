package dev.lvsa.runner.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The software that made a run's videos, kept in the ledger's meta table beside the run: the toolkit's git
 * commit (recorded when a run starts) and the versions the worker names in its ready line (worker, Python,
 * torch, diffusers, ...; recorded when a worker starts, the latest worker's winning). The report's Software
 * block shows them.
 */
public final class RunEnvironment {

    /** Meta key of the toolkit's git commit. */
    public static final String COMMIT_KEY = "toolkit_commit";
    /** Meta key of the worker's versions (a JSON object, name to version). */
    public static final String WORKER_KEY = "worker_versions";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunEnvironment() {}

    /** Records the versions in a worker's ready line, with its device; nothing when the line names none. */
    public static void recordWorker(Ledger ledger, JsonNode ready) {
        if (ready == null || !ready.path("versions").isObject()) {
            return;
        }
        ObjectNode v = ((ObjectNode) ready.get("versions")).deepCopy();
        if (ready.hasNonNull("device")) {
            v.put("device", ready.get("device").asText());
        }
        ledger.setMeta(WORKER_KEY, v.toString());
    }

    /** Records the git commit of the toolkit at {@code home} (with "+ changes" when its tree is dirty). */
    public static void recordCommit(Ledger ledger, Path home) {
        String commit = commit(home);
        if (commit != null) {
            ledger.setMeta(COMMIT_KEY, commit);
        }
    }

    /** Name to version, in display order: the commit first, then the worker's; empty when none is recorded. */
    public static Map<String, String> read(Ledger ledger) {
        Map<String, String> out = new LinkedHashMap<>();
        String commit = ledger.getMeta(COMMIT_KEY);
        if (commit != null) {
            out.put("toolkit git commit (run)", commit);
        }
        String worker = ledger.getMeta(WORKER_KEY);
        if (worker != null) {
            try {
                JsonNode v = JSON.readTree(worker);
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.put(
                            (e.getKey().equals("worker") ? "lvsa_worker" : e.getKey()) + " (run)",
                            e.getValue().isNull()
                                    ? "not installed"
                                    : e.getValue().asText());
                }
            } catch (IOException e) {
                out.put("worker versions (run)", worker);
            }
        }
        return out;
    }

    /** {@code git rev-parse --short=12 HEAD} in {@code home}, "+ changes" when dirty; null without git. */
    static String commit(Path home) {
        if (home == null || !Files.isDirectory(home)) {
            return null;
        }
        String head = git(home, "rev-parse", "--short=12", "HEAD");
        if (head == null || head.isBlank()) {
            return null;
        }
        String status = git(home, "status", "--porcelain", "--untracked-files=no");
        return status == null || status.isBlank() ? head.trim() : head.trim() + " + uncommitted changes";
    }

    private static String git(Path dir, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

package dev.jwtauth.token;

import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * One fuzz run of {@link TokenReaderFuzzTest}: {@code iterations} mutants, each of a seed of a random target, read by
 * that target's reader; the only outcomes allowed are a {@link TokenException} or a token jose4j accepts with the same
 * claims. Everything else is a finding, kept with what reproduces it. The run also measures each read — wall time,
 * and bytes allocated by the reading thread — and exposes the read in progress to a watchdog on another thread,
 * which is what catches a read that never returns.
 */
final class FuzzRun implements Runnable {
    /** Kinds of findings kept with an example; the rest are only counted. */
    private static final int KEPT_FINDINGS = 20;

    private final long seed;
    private final int iterations;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private volatile long readStartedAt;
    private volatile String reading = "";
    private volatile int iteration;

    private final Map<String, int[]> perTarget = new LinkedHashMap<>();
    private final Map<TokenFailure, Integer> refusals = new EnumMap<>(TokenFailure.class);
    private final Map<String, String> findings = new LinkedHashMap<>();
    private final Map<String, Integer> deliberate = new TreeMap<>();
    private final Map<String, Integer> acceptedMutantsByForm = new TreeMap<>();
    private int findingCount;
    private int accepted;
    private int acceptedMutants;
    private int compared;
    private long slowestNanos;
    private String slowestInput = "";
    private long mostAllocated;
    private String mostAllocatingInput = "";

    FuzzRun(long seed, int iterations) {
        this.seed = seed;
        this.iterations = iterations;
    }

    @Override
    public void run() {
        Random random = new Random(seed);
        List<FuzzTargets.Target> targets = new FuzzTargets(random).all();
        Set<String> seedTokens = new HashSet<>();
        for (FuzzTargets.Target target : targets) {
            target.seeds().valid().forEach(seed -> seedTokens.add(seed.token()));
            target.seeds().hostile().forEach(seed -> seedTokens.add(seed.token()));
        }
        Mutator mutator = new Mutator(random, Tokens.NOW, seedTokens.stream().sorted().toList());
        for (iteration = 0; iteration < iterations; iteration++) {
            FuzzTargets.Target target = targets.get(random.nextInt(targets.size()));
            List<Mutator.Seed> seeds = random.nextBoolean() ? target.seeds().valid() : target.seeds().hostile();
            Mutator.Mutant mutant = mutator.mutate(seeds.get(random.nextInt(seeds.size())));
            boolean isMutant = !seedTokens.contains(mutant.token());
            int[] counts = perTarget.computeIfAbsent(target.spec().name(), name -> new int[3]);
            counts[0]++;
            Optional<VerifiedToken> read = read(target, mutant);
            if (read.isPresent()) {
                accepted++;
                counts[1]++;
                if (isMutant) {
                    acceptedMutants++;
                    counts[2]++;
                    acceptedMutantsByForm.merge(form(mutant.token()), 1, Integer::sum);
                }
                compare(target, mutant, read.get());
            }
        }
    }

    /** What kind of token was accepted: each must be compared with jose4j, not only signed ones. */
    private static String form(String token) {
        return !JweDecrypter.isJwe(token) ? "JWS" : LegacyJweReader.hasLegacyTag(token) ? "ServiceStack JWE" : "JWE";
    }

    /** The reader's verdict, timed and weighed; anything but a token or a TokenException is a finding. */
    private Optional<VerifiedToken> read(FuzzTargets.Target target, Mutator.Mutant mutant) {
        reading = mutant.token();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        readStartedAt = System.nanoTime();
        try {
            return Optional.of(target.reader().read(mutant.token()));
        } catch (TokenException e) {
            refusals.merge(e.failure(), 1, Integer::sum);
            return Optional.empty();
        } catch (RuntimeException | Error e) {
            finding(target, mutant, "the reader threw " + e + " at " + List.of(e.getStackTrace()).subList(0,
                    Math.min(8, e.getStackTrace().length)));
            return Optional.empty();
        } finally {
            long took = System.nanoTime() - readStartedAt;
            readStartedAt = 0;
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            if (took > slowestNanos) {
                slowestNanos = took;
                slowestInput = describe(target, mutant);
            }
            if (allocated > mostAllocated) {
                mostAllocated = allocated;
                mostAllocatingInput = describe(target, mutant);
            }
        }
    }

    private void compare(FuzzTargets.Target target, Mutator.Mutant mutant, VerifiedToken ours) {
        compared++;
        Jose4jOracle.Comparison comparison;
        try {
            comparison = target.oracle().compare(mutant.token(), ours);
        } catch (RuntimeException e) {
            finding(target, mutant, "we accept it, but jose4j threw " + e);
            return;
        }
        if (comparison.disagreement() != null) {
            finding(target, mutant, "we accept it, but " + comparison.disagreement());
        } else if (comparison.deliberate() != null) {
            deliberate.merge(comparison.deliberate(), 1, Integer::sum);
        }
    }

    /** Kept by kind, so that one run reports an example of every kind it found. */
    private void finding(FuzzTargets.Target target, Mutator.Mutant mutant, String what) {
        findingCount++;
        String kind = kind(what);
        if (findings.size() < KEPT_FINDINGS && !findings.containsKey(kind)) {
            findings.put(kind, what + "\n    " + describe(target, mutant) + "\n    token: " + mutant.token());
        }
    }

    /** A finding without the values in it (parenthesised details, JSON, token text): what it is, not which input. */
    private static String kind(String what) {
        String kind = what;
        for (String previous = null; !kind.equals(previous); ) {
            previous = kind;
            kind = kind.replaceAll("\\([^()]*\\)|\\{[^{}]*}", "");
        }
        kind = kind.replaceAll("->\\S*|\\s+at \\[.*", "");
        return kind.length() <= 160 ? kind : kind.substring(0, 160);
    }

    private String describe(FuzzTargets.Target target, Mutator.Mutant mutant) {
        return "iteration " + iteration + " of seed " + seed + ", target '" + target.spec().name() + "', mutation: "
                + mutant.how() + " (" + mutant.token().length() + " chars)";
    }

    // ---- for the watchdog, while the run goes on --------------------------------------------------------------

    /** How long the read in progress has taken so far; 0 between reads. */
    long currentReadNanos() {
        long started = readStartedAt;
        return started == 0 ? 0 : System.nanoTime() - started;
    }

    String currentInput() {
        return "iteration " + iteration + " of seed " + seed + ", token: " + reading;
    }

    // ---- results, once the run is over ------------------------------------------------------------------------

    /** The first finding of each kind (at most {@value #KEPT_FINDINGS} kinds). */
    List<String> findings() {
        return List.copyOf(findings.values());
    }

    int findingCount() {
        return findingCount;
    }

    int accepted() {
        return accepted;
    }

    int acceptedMutants() {
        return acceptedMutants;
    }

    int compared() {
        return compared;
    }

    long slowestNanos() {
        return slowestNanos;
    }

    long mostAllocated() {
        return mostAllocated;
    }

    /** Accepted mutants by form: JWS, JWE, ServiceStack JWE. */
    Map<String, Integer> acceptedMutantsByForm() {
        return acceptedMutantsByForm;
    }

    /** Per target: inputs, accepted, accepted mutants (not one of the seeds as they were). */
    Map<String, int[]> perTarget() {
        return perTarget;
    }

    String summary() {
        StringBuilder summary = new StringBuilder("fuzz seed " + seed + ": " + iterations + " inputs, " + accepted
                + " accepted (" + acceptedMutants + " of them mutants), " + compared + " compared with jose4j, "
                + findingCount + " findings\n  accepted mutants by form: " + acceptedMutantsByForm + "\n");
        perTarget.forEach((name, counts) -> summary.append("  ").append(name).append(": ").append(counts[0])
                .append(" inputs, ").append(counts[1]).append(" accepted, ").append(counts[2]).append(" mutants\n"));
        summary.append("  refusals: ").append(refusals).append('\n');
        summary.append("  accepted by jose4j only after a deliberate difference (DeliberateDifference): ")
                .append(deliberate).append('\n');
        summary.append("  slowest read: ").append(slowestNanos / 1_000).append(" µs, ").append(slowestInput).append('\n');
        summary.append("  most allocated by one read: ").append(mostAllocated / 1024).append(" KiB, ")
                .append(mostAllocatingInput);
        return summary.toString();
    }
}

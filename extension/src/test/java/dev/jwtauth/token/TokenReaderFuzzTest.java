package dev.jwtauth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer of {@link TokenReader}: mutants of valid and hostile tokens for every configured algorithm,
 * JWS and JWE ({@link FuzzTargets}, {@link Mutator}). A mutant must be refused with a {@link TokenException} — never
 * another exception, a read that does not return, or an allocation out of proportion to the token — or, if accepted,
 * be accepted by jose4j too with the same claims ({@link Jose4jOracle}): a hand-written JOSE engine earns trust by
 * agreeing with an established one on every token it lets in.
 * <p>
 * {@code mvn verify} reads {@value #DEFAULT_ITERATIONS} mutants; the {@code fuzz} profile (CONTRIBUTING.md) a million.
 * {@code -Djwtauth.fuzz.seed=…} and {@code -Djwtauth.fuzz.iterations=…} repeat a run: the first n mutants of a seed
 * are the same whatever the count.
 */
class TokenReaderFuzzTest {
    private static final int DEFAULT_ITERATIONS = 10_000;
    private static final long SEED = Long.getLong("jwtauth.fuzz.seed", 8_675_309L);
    private static final int ITERATIONS = Integer.getInteger("jwtauth.fuzz.iterations", DEFAULT_ITERATIONS);

    /** A hang detector, not a speed limit: reads take microseconds, an RSA decryption a few milliseconds. */
    private static final Duration HANG = Duration.ofSeconds(1);
    /**
     * Tokens are at most 8 KiB (maxTokenLength), and no read of seed 8675309 allocated more than half a MiB (the
     * first ones, with class initialisation). A read allocating more than this would be expanding its input — a
     * decompression or number bomb.
     */
    private static final long MAX_BYTES_PER_READ = 4L << 20;
    /** What the run may leave on the heap: the readers keep nothing per token beyond a 64-entry header cache. */
    private static final long MAX_RETAINED_BYTES = 32L << 20;
    /** Below this share of accepted mutants the differential half would compare next to nothing. */
    private static final double MIN_ACCEPTED_MUTANT_SHARE = 0.02;

    @Test
    void everyMutantIsRefusedOrAcceptedByJose4jAlike() throws InterruptedException {
        long heapBefore = usedHeapAfterGc();
        long started = System.nanoTime();
        FuzzRun run = new FuzzRun(SEED, ITERATIONS);
        Thread worker = new Thread(run, "token-fuzz");
        worker.setDaemon(true);
        AtomicReference<Throwable> crash = new AtomicReference<>();
        worker.setUncaughtExceptionHandler((thread, e) -> crash.set(e));
        worker.start();
        while (worker.isAlive()) {
            worker.join(100);
            if (run.currentReadNanos() > HANG.toNanos()) {
                fail("a read has not returned after " + HANG.toMillis() + " ms: " + run.currentInput() + "\n  at "
                        + Arrays.stream(worker.getStackTrace()).limit(20).map(String::valueOf)
                        .collect(Collectors.joining("\n  at ")));
            }
        }
        if (crash.get() != null) {
            throw new AssertionError("the fuzz run itself failed (a bug in the test, not in the reader) at "
                    + run.currentInput(), crash.get());
        }
        long retained = usedHeapAfterGc() - heapBefore;
        System.out.println(run.summary() + "\n  " + (System.nanoTime() - started) / 1_000_000 + " ms, heap retained "
                + (retained >> 10) + " KiB");

        assertEquals(0, run.findingCount(), () -> run.findingCount() + " findings (reproduce with -Djwtauth.fuzz.seed="
                + SEED + "), one of each kind:\n" + String.join("\n", run.findings()));
        assertTrue(run.slowestNanos() <= HANG.toNanos(), "the slowest read took " + run.slowestNanos() / 1_000_000
                + " ms:\n" + run.summary());
        assertTrue(run.mostAllocated() <= MAX_BYTES_PER_READ, "one read allocated " + run.mostAllocated()
                + " bytes, more than " + MAX_BYTES_PER_READ + ":\n" + run.summary());
        assertTrue(retained <= MAX_RETAINED_BYTES, "the run left " + retained + " bytes more on the heap than "
                + MAX_RETAINED_BYTES + ": something keeps what it read");
        if (ITERATIONS < DEFAULT_ITERATIONS) {
            return; // a short run repeats a finding: too few mutants to judge how much was compared
        }
        assertTrue(run.acceptedMutants() >= MIN_ACCEPTED_MUTANT_SHARE * ITERATIONS, () -> "only "
                + run.acceptedMutants() + " mutants were accepted: the comparison with jose4j tests too little\n"
                + run.summary());
        run.perTarget().forEach((target, counts) -> assertTrue(counts[2] > 0, () -> "no mutant of target '" + target
                + "' was accepted: its claim checks were never compared with jose4j's\n" + run.summary()));
        for (String form : List.of("JWS", "JWE", "ServiceStack JWE")) {
            assertTrue(run.acceptedMutantsByForm().getOrDefault(form, 0) > 0, () -> "no " + form
                    + " mutant was accepted, so none was compared\n" + run.summary());
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

package dev.lvsa.runner.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A worker's result line as the ledger records it. */
class JobRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_jobs_peak_memory_is_at_least_its_highest_phase() throws Exception {
        // the H200 line of 2026-12-05 (dense 6x): the worker reported the last phase's peak as the job's
        String line = "{\"status\":\"ok\",\"peak_memory_gb\":16.9338,\"phase_peak_memory_gb\":{\"load\":16.7542,"
                + "\"text_and_setup\":17.0735,\"denoise\":26.3935,\"decode\":28.4691,\"write\":16.9338}}";
        assertThat(JobRequests.result(JSON.readTree(line)).peakMemoryGb()).isEqualTo(28.4691);
        assertThat(JobRequests.result(JSON.readTree("{\"status\":\"ok\",\"peak_memory_gb\":3.5}"))
                        .peakMemoryGb())
                .isEqualTo(3.5);
        assertThat(JobRequests.result(JSON.readTree("{\"status\":\"error\"}")).peakMemoryGb())
                .isNull();
    }
}

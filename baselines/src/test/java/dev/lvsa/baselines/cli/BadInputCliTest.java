package dev.lvsa.baselines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A user's mistake gets exit code 2 and exactly one line on stderr that names the input and the cause; nothing on
 * stdout, no stack trace.
 */
class BadInputCliTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "analyze --model wan9 --frames 81                                  | model 'wan9' is unknown",
                "analyze --model wan2.1-t2v-1.3b --frames 480                      | frames 480: not of the form 4k+1",
                "analyze --model wan2.1-t2v-1.3b --frames 81 --height 500          | height 500: not a positive multiple of 16",
                "plan --model hunyuanvideo-1.5-480p --frames 129 --width 850       | width 850: not a positive multiple of 16",
                "analyze --model wan2.1-t2v-1.3b --frames 81 --window -1           | LVSA window -1: must be >= 0",
                "analyze --model wan2.1-t2v-1.3b --frames 81 --n-first -2          | LVSA n_first -2: must be >= 0",
                "analyze --model wan2.1-t2v-1.3b --frames 81 --kfi 0               | LVSA kfi 0: must be >= 1",
                "analyze --model wan2.1-t2v-1.3b --frames 81 --kfi often           | --kfi 'often': must be auto or an integer",
                "analyze --model wan2.1-t2v-1.3b --frames 81 --sparsity-scale 0    | sparsity_scale 0.0: must be a number > 0",
                "analyze --model wan2.1-t2v-1.3b --frames 81 --steps 0             | steps 0: must be between 1 and 1000",
                "plan --model wan2.1-t2v-1.3b --frames 81 --method ultravico --alpha 1 | UltraViCo alpha 1.0: must be in (0, 1)",
                "plan --model wan2.1-t2v-1.3b --frames 81 --method riflex --riflex-k 0 | RIFLEx k 0: must be >= 1",
                "analyze --model wan2.1-t2v-1.3b --frames 81 --cfg-passes 0        | cfg passes 0: must be between 1 and 4",
                "analyze --model wan2.1-t2v-1.3b --frames 81 --method flash        | method 'flash' is unknown",
                "analyze --model wan2.1-t2v-1.3b --frames 81 --method dense --window 2 | --window: not a knob of --method dense",
                "plan --model wan2.1-t2v-1.3b --frames 81 --backend cuda           | backend 'cuda' is unknown",
                "analyze --model wan2.1-t2v-1.3b --frames many                     | Invalid value for option '--frames'",
                "analyze --frames 81                                               | Missing required option: '--model=NAME'",
                "analyze --model wan2.1-t2v-1.3b --frames 81 --bogus               | Unknown option: '--bogus'",
                "show --model wan2.1-t2v-1.3b --frames 81 --step 50                | --step 50: must be in [0, 49]",
                "analyze --model wan2.1-t2v-1.3b --frames 81 --pattern nope.json   | nope.json: no such pattern spec file",
                "plan --model tiny-wan --frames 33 --out /no/such/dir/plan.json    | folder /no/such/dir does not exist",
                "check --candidate lvsa                                            | no threshold given",
                "check --candidate lvsa --max-density 0.5 --horizons 1.01          | not a whole number",
                "check --candidate riflex --max-density 0.5                        | unknown pattern type 'riflex'",
            })
    void bad_input_exits_2_with_one_line(String args, String cause) {
        CliRun r = CliRun.of(args.trim().split("\\s+"));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(cause).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }
}

package dev.lvsa.datasets.prompts;

/**
 * One prompt of a set.
 *
 * @param id   stable identifier, unique within an experiment ({@code [A-Za-z0-9._-]+}); results are keyed by it
 * @param text the prompt text, passed to the model unchanged
 */
public record Prompt(String id, String text) {
    public Prompt {
        if (id == null || !PromptSets.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("prompt id '" + id + "': must match " + PromptSets.ID.pattern());
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("prompt " + id + ": empty text");
        }
    }
}

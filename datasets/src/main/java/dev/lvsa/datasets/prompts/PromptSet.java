package dev.lvsa.datasets.prompts;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A named list of prompts.
 *
 * @param name        the set's name (its file stem for built-in sets)
 * @param description one line about what the set is for
 * @param prompts     at least one prompt; ids are unique
 */
public record PromptSet(String name, String description, List<Prompt> prompts) {
    public PromptSet {
        prompts = List.copyOf(prompts);
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("prompt set " + name + ": no prompts");
        }
        Set<String> ids = new HashSet<>();
        for (Prompt p : prompts) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("prompt set " + name + ": prompt id '" + p.id() + "' given twice");
            }
        }
    }
}

package dev.lvsa.reports.table;

/** How method names read in headings: RIFLEx, UltraViCo, LVSA; others as written. */
public final class MethodNames {

    private MethodNames() {}

    public static String display(String method) {
        return switch (method) {
            case "riflex" -> "RIFLEx";
            case "ultravico" -> "UltraViCo";
            case "lvsa" -> "LVSA";
            default -> method;
        };
    }
}

package io.tributary.common.records;

import io.tributary.common.ErrorCode;

/**
 * Why a run of batches was refused: the defect of the first bad batch and a reason naming where it
 * is. The reason is what a producer reads in the response's error message, so its wording is
 * stable.
 */
public record BatchRefusal(BatchDefect defect, String reason) implements BatchScan.Result {

    public ErrorCode error() {
        return defect.error();
    }

    /** The refusal as a log would word it for {@code partition}: its label, then the reason. */
    public String describe(String partition) {
        return "append to " + partition + " refused (" + defect.label() + "): " + reason;
    }
}

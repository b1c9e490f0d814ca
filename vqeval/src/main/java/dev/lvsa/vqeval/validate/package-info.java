/** Scoring a labelled video set and checking VQeval's verdicts against the labels. */
package dev.lvsa.vqeval.validate;

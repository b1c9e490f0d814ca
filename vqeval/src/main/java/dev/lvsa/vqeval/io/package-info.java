/**
 * Files: atomic writes (temp file in the same folder, then an atomic move), CSV reading and writing
 * (Jackson CSV), and preset JSON.
 */
package dev.lvsa.vqeval.io;

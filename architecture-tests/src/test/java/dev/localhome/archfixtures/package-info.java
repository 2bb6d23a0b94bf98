/**
 * Deliberately wrong classes, laid out like the production packages under other bases, to prove that every rule in
 * {@code LocalhomeRules} can fail. Never imported by the production checks (they are test classes); never run.
 */
package dev.localhome.archfixtures;

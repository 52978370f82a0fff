/**
 * The rotation rules and the value objects they work on, in plain Java with no I/O: {@link RotationPolicy}
 * holds every rule of CONTRACT section 2, {@link DpopRules} those of 2.7. Every record checks its components
 * when it is made. Public API.
 */
package dev.customertokens.domain;

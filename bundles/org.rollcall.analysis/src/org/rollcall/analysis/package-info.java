/**
 * Did it work? Intervention ROI against a matched or randomized comparison group, attendance against outcomes:
 * computed once per import as {@link org.rollcall.store.spi.Derivation}s and read through SQL.
 */
package org.rollcall.analysis;

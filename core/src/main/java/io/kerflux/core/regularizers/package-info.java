/**
 * Weight and activity regularizers (l1, l2, l1_l2): a penalty added to the loss and its gradient.
 */
@NullMarked
package io.kerflux.core.regularizers;

import org.jspecify.annotations.NullMarked;

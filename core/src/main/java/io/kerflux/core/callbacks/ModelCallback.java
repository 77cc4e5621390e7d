package io.kerflux.core.callbacks;

import io.kerflux.core.models.Sequential;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A callback that acts on the model it is given by {@link #setModel} (Keras' {@code self.model}). */
abstract class ModelCallback implements Callback {
    private @Nullable Sequential model;

    @Override
    public void setModel(Sequential model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * The model of the run.
     *
     * @return the model
     * @throws IllegalStateException if no model was set
     */
    final Sequential model() {
        if (model == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no model: call setModel(model) before "
                    + "the hooks (fit does this).");
        }
        return model;
    }
}

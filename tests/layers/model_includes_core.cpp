// The control for model_includes_store.cpp: the same model-layer target including only what
// its layer may use compiles, so the wrong-include test fails for the include alone.
#include "core/diagnostic.h"
#include "model/node.h"

int layer_probe_right() {
    return 0;
}

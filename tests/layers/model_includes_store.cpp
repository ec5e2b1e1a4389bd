// Deliberately against the layering: lib/model/ sits below lib/store/, so a file of the model
// layer that includes a store header must not compile (ctest: layers/wrong-include-fails).
#include "model/node.h"
#include "store/store.h"

int layer_probe_wrong() {
    return 0;
}

#include "xml/schema.h"

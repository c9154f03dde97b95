#include "xml/writer.h"

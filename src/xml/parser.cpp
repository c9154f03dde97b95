#include "xml/parser.h"

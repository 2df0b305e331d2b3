/* The security facts of a file's inventory, for the JSON reporter. */
#ifndef MS_REPORT_INVENTORY_JSON_H
#define MS_REPORT_INVENTORY_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "model/facts.h"

/** Adds "auth", "host_validation", "binds" and "cors" arrays (each item with its "line") to o. */
void ms_inventory_json_security(const ms_facts *f, json_t *o);
/** True when the file has anything for the inventory (handlers, transports or security facts). */
bool ms_inventory_has_content(const ms_facts *f);

#endif

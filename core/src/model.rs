//! A typed view of a validated, defaulted Pod and of the objects around it (the simulation's input).

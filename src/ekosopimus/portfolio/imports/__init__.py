"""Reading EURA project lists: the files, their columns and their rows. Nothing here writes."""

"""荐购: readers suggest books for the library to buy, and follow what became of them."""

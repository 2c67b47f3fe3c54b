//! Batch import (filled in below).

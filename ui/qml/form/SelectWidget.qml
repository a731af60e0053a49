import QtQuick

// ui:widget "select": a longer list of answers laid out as a grid of tiles, three per row.
// A drop-down would be a pop-up and a hidden list; every answer stays in sight instead.
RadioWidget {
    columns: 3
}

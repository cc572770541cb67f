console.log('kensa');
